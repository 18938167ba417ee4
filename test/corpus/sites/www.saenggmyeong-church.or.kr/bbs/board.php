<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>정보이용료 현금화 원리와 절차 알아보기 &gt; 자유게시판 | 새생명교회</title>
<meta name="description" content="정보이용료 현금화의 뜻과 원리, 진행 절차, 지급률, 장점을 정리했습니다.">
<meta property="og:type" content="article">
<style>body{margin:0;font-family:'Malgun Gothic',dotum,sans-serif;font-size:13px;color:#333;background:#fff}#hd{background:#2b3a4a;color:#fff;padding:14px 4%}#hd a{color:#fff;text-decoration:none}#gnb{background:#34495e;padding:8px 4%}#gnb a{color:#dfe6ec;margin-right:18px;text-decoration:none}#container{max-width:980px;margin:20px auto}#bo_v_title{font-size:19px;border-bottom:2px solid #2b3a4a;padding-bottom:10px}#bo_v_info{color:#777;font-size:12px;margin:8px 0 16px}#bo_v_con{line-height:1.9;font-size:14px;min-height:200px}.tbl_head01 table{width:100%;border-collapse:collapse;margin-top:30px}.tbl_head01 th,.tbl_head01 td{border-bottom:1px solid #e5e5e5;padding:7px;text-align:left}#ft{background:#f3f3f3;color:#777;padding:18px 4%;margin-top:40px;font-size:12px}#bo_vc{margin-top:24px;border-top:1px solid #ddd}#bo_vc article{border-bottom:1px dotted #ddd;padding:8px 0}</style>
</head>
<body>
<div id="hd"><h1 style="margin:0;font-size:20px"><a href="/">새생명교회</a></h1></div>
<div id="gnb"><a href="/page/about.php">교회소개</a><a href="/page/worship.php">예배안내</a><a href="/bbs/board.php?bo_table=news">교회소식</a><a href="/bbs/board.php?bo_table=free">자유게시판</a></div>
<div id="container">
<h2 style="font-size:14px;color:#888">자유게시판</h2>
<article id="bo_v">
<header><h2 id="bo_v_title"><span class="bo_v_tit">정보이용료 현금화 원리와 절차 알아보기</span></h2></header>
<section id="bo_v_info"><h2 class="sound_only">페이지 정보</h2>작성자 <span class="sv_member">joy77</span> &nbsp; 작성일 25-02-25 03:14 &nbsp; 조회 412회 &nbsp; 댓글 0건</section>
<section id="bo_v_atc"><h2 class="sound_only">본문</h2>
<div id="bo_v_con">
<p>정보이용료 현금화에 대하여 궁금해 하시는 분이 많아 알기 쉽게 정돈해 봅니다.</p>
<p><b>1. 정보이용료란?</b><br>스마트폰으로 앱, 게임 아이템, 웹툰, 음원 등을 구매할 때 통신 요금에 붙어서 청구되는 이용료를 말합니다. 구글 플레이스토어나 원스토어 같은 곳에서 휴대폰 결재를 선택하시면 이 항목으로 빠져 나가게 됩니다.</p>
<p><b>2. 정보이용료 현금화의 원리</b><br>정보이용료 한도를 활용하여 콘텐츠를 구입하고, 그것을 매입처에 넘겨서 일정 비율의 현금을 돌려받는 방식입니다. 소액결제 한도와는 별개로 관리되는 경우가 많아서 소액결제 한도를 이미 사용하신 분도 추가로 자금을 마련할 수 있는 것이 특징입니다.</p>
<p><b>3. 진행 절차</b><br>① 통신사 앱에서 정보이용료 잔여 한도 조회<br>② 안내 받은 콘텐츠 결재 진행<br>③ 결재 내역 확인 후 정산<br>④ 본인 계좌로 입금 완료</p>
<p><b>4. 수수료 및 지급률</b><br>보통 지급률은 70~85% 안팎이고, 금액이 클수록 조금 더 유리하게 적용되는 편이라고 합니다. 통신사별로 차이가 약간씩 있습니다.</p>
<p><b>5. 장점</b><br>- 신용등급과 무관하게 이용 가능<br>- 복잡한 서류 없음<br>- 짧은 시간 안에 처리</p>
<p><b>6. 유의사항</b><br>다음 달 요금이 한꺼번에 나오므로 납부 계획을 세워 두는 것이 좋습니다. 그리고 반복해서 이용하시면 통신사에서 한도를 조정할 수 있다는 점 참고하세요.</p>
<p>급하게 필요한 자금이 있을 때 하나의 방법으로 알아 두시면 도움이 될 것입니다.</p>
</div></section>

</article>
<div class="tbl_head01"><table><caption style="text-align:left;font-weight:bold">자유게시판 목록</caption><thead><tr><th>번호</th><th>제목</th><th>글쓴이</th><th>날짜</th></tr></thead><tbody><tr><td>1288</td><td><a href="/bbs/board.php?bo_table=free&amp;wr_id=1288">2025년 3월 구역예배 일정 안내</a></td><td>교육부</td><td>2025-03-01</td></tr><tr><td>1287</td><td><a href="/bbs/board.php?bo_table=free&amp;wr_id=1287">부활절 칸타타 연습 공지</a></td><td>찬양대</td><td>2025-02-26</td></tr><tr><td>1286</td><td><a href="/bbs/board.php?bo_table=free&amp;wr_id=1286">정보이용료 현금화 원리와 절차 알아보기</a></td><td>joy77</td><td>2025-02-25</td></tr><tr><td>1285</td><td><a href="/bbs/board.php?bo_table=free&amp;wr_id=1285">사랑의 쌀 나눔 후기</a></td><td>구제부</td><td>2025-02-20</td></tr><tr><td>1284</td><td><a href="/bbs/board.php?bo_table=free&amp;wr_id=1284">주일 주차 안내</a></td><td>관리부</td><td>2025-02-17</td></tr></tbody></table></div>
</div>
<div id="ft">대한예수교장로회 새생명교회 | 경기도 안산시 상록구 | 예배 문의 031-4○○-○○○○ | Copyright © saenggmyeong-church.or.kr</div>
</body>
</html>
