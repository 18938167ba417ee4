<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>소액결제 현금 화 이해하기 &gt; 자유게시판 | 북한산 사랑 산악회</title>
<meta name="description" content="소액결제 현금 화 이해하기">
<meta property="og:type" content="article">
<style>body{margin:0;font-family:'Malgun Gothic',dotum,sans-serif;font-size:13px;color:#333;background:#fff}#hd{background:#2b3a4a;color:#fff;padding:14px 4%}#hd a{color:#fff;text-decoration:none}#gnb{background:#34495e;padding:8px 4%}#gnb a{color:#dfe6ec;margin-right:18px;text-decoration:none}#container{max-width:980px;margin:20px auto}#bo_v_title{font-size:19px;border-bottom:2px solid #2b3a4a;padding-bottom:10px}#bo_v_info{color:#777;font-size:12px;margin:8px 0 16px}#bo_v_con{line-height:1.9;font-size:14px;min-height:200px}.tbl_head01 table{width:100%;border-collapse:collapse;margin-top:30px}.tbl_head01 th,.tbl_head01 td{border-bottom:1px solid #e5e5e5;padding:7px;text-align:left}#ft{background:#f3f3f3;color:#777;padding:18px 4%;margin-top:40px;font-size:12px}#bo_vc{margin-top:24px;border-top:1px solid #ddd}#bo_vc article{border-bottom:1px dotted #ddd;padding:8px 0}</style>
</head>
<body>
<div id="hd"><h1 style="margin:0;font-size:20px"><a href="/">북한산 사랑 산악회</a></h1></div>
<div id="gnb"><a href="/about">산악회 소개</a><a href="/bbs/board.php?bo_table=trip">정기산행</a><a href="/bbs/board.php?bo_table=photo">사진방</a><a href="/bbs/board.php?bo_table=free">자유게시판</a></div>
<div id="container">
<h2 style="font-size:14px;color:#888">자유게시판</h2>
<article id="bo_v">
<header><h2 id="bo_v_title"><span class="bo_v_tit">소액결제 현금 화 이해하기</span></h2></header>
<section id="bo_v_info"><h2 class="sound_only">페이지 정보</h2>작성자 <span class="sv_member">q8w2e</span> &nbsp; 작성일 25-03-02 04:51 &nbsp; 조회 37회 &nbsp; 댓글 0건</section>
<section id="bo_v_atc"><h2 class="sound_only">본문</h2>
<div id="bo_v_con">
<p>소액결제 현금 화는 평범한 소비나 결제에 쓰는 소액 자금을 실제 현금으로 전환하는 과정이다. 보통 휴대폰이나 전자지갑 등을 통해 이뤄지며 이용자는 결제한 금액의 일정 비율을 돌려받는다.</p>
<p>급한 자금이 필요할 때 소액결제를 현금으로 바꾸어 요긴하게 쓸 수 있다. 다만 수수료가 붙고 업체마다 정책이 달라 꼼꼼히 비교하는 것이 좋다. <a href="https://www.worldherald.example/newssearch/?query=소액결제현금화">소액결제현금화</a> <a href="https://edition.globaltimes.example/search/?text=정보이용료">정보이용료</a> <a href="https://search.newsportal.example/search?query=상품권매입">상품권 매입</a></p>
</div></section>

</article>
<div class="tbl_head01"><table><caption style="text-align:left;font-weight:bold">자유게시판 목록</caption><thead><tr><th>번호</th><th>제목</th><th>글쓴이</th><th>날짜</th></tr></thead><tbody><tr><td>5521</td><td><a href="/bbs/board.php?bo_table=free&amp;wr_id=5521">3월 정기산행 (도봉산 포대능선) 참가 신청</a></td><td>산대장</td><td>2025-03-03</td></tr><tr><td>5520</td><td><a href="/bbs/board.php?bo_table=free&amp;wr_id=5520">소액결제 현금 화 이해하기</a></td><td>q8w2e</td><td>2025-03-02</td></tr><tr><td>5519</td><td><a href="/bbs/board.php?bo_table=free&amp;wr_id=5519">2월 산행 사진 올립니다</a></td><td>솔바람</td><td>2025-02-24</td></tr><tr><td>5518</td><td><a href="/bbs/board.php?bo_table=free&amp;wr_id=5518">회비 입금 확인 부탁드립니다</a></td><td>총무</td><td>2025-02-20</td></tr></tbody></table></div>
</div>
<div id="ft">북한산 사랑 산악회 | 회장 김○○ | 정기산행 매월 첫째 주 일요일</div>
</body>
</html>
