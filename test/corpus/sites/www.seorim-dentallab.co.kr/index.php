<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8">
<title>정보이용료 현금화 유의사항 총정리 - 서림치과기공소 - 묻고답하기</title>
<meta name="generator" content="XpressEngine">
<style>body{margin:0;font-family:'Nanum Gothic',sans-serif;color:#444;font-size:13px}.header{border-bottom:1px solid #ccc;padding:18px 40px;background:url(/layouts/simple/bg.png)}.header h1{margin:0;font-size:20px;color:#0d5c8c}.gnb a{margin-right:22px;color:#555;text-decoration:none}.body{max-width:900px;margin:20px auto}.read_header h1{font-size:18px;border-bottom:2px solid #0d5c8c;padding-bottom:6px}.meta{font-size:11px;color:#999}.xe_content{line-height:1.9;font-size:14px;padding:10px 0}.xe_content h3{color:#0d5c8c;font-size:15px;margin-top:20px}.footer{border-top:1px solid #ddd;font-size:11px;color:#888;padding:16px 40px;line-height:1.7}</style></head>
<body>
<div class="header"><h1>서림치과기공소</h1><div class="gnb"><a href="/index.php?mid=intro">기공소 소개</a><a href="/index.php?mid=product">보철물 안내</a><a href="/index.php?mid=equip">장비 현황</a><a href="/index.php?mid=qna">묻고답하기</a></div></div>
<div class="body">
<div class="read_header"><h1>정보이용료 현금화 유의사항 총정리</h1><div class="meta">cashinfo | 2025.06.03 22:51 | 조회 수 864</div></div>
<div class="xe_content">
<p>정보이용료 현금화는 휴대폰 요금의 콘텐츠 결제 한도를 이용해서 필요한 자금을 바로 마련하는 방법입니다. 소액결제 한도를 이미 다 쓰신 분들도 정보이용료 한도는 따로 남아 있는 경우가 많아서 활용도가 높아요. 다만 처음 이용하실 때 유의하실 점이 몇 가지 있어서 정리했습니다.</p>
<h3>유의사항 ① 결제 가능한 콘텐츠인지 확인</h3>
<p>구글 플레이, 원스토어 등 정보이용료로 결제되는 콘텐츠만 해당됩니다. 일반 쇼핑몰 결제는 소액결제 한도에서 빠지니 헷갈리지 마세요.</p>
<h3>유의사항 ② 매입률은 시간대별로 달라요</h3>
<p>평일 낮에는 보통 80~85% 선, 주말이나 새벽에는 조금 낮아질 수 있어요. 금액이 클수록 매입률이 좋아지는 편이라 한 번에 진행하는 게 유리합니다.</p>
<h3>유의사항 ③ 신용 걱정은 안 하셔도 됩니다</h3>
<p>대출이 아니기 때문에 신용조회가 없고 기록도 남지 않아요. 연체 이력이 있거나 사회초년생이라 대출이 어려운 분들도 똑같이 이용하실 수 있습니다.</p>
<h3>유의사항 ④ 경험 많은 업체 선택</h3>
<p>운영 기간이 오래된 곳, 진행 중간중간 상황을 알려 주는 곳, 입금 시간이 빠른 곳을 고르시면 실패할 일이 거의 없습니다. 당일 입금은 기본이고 보통 20분이면 마무리됩니다.</p>
<h3>마무리</h3>
<p>정리하면 정보이용료 현금화는 복잡한 서류 없이 휴대폰 하나로 해결되는 가장 간단한 급전 마련 방법입니다. 위 유의사항만 기억하시면 누구나 어렵지 않게 이용하실 수 있어요.</p>
</div>
<p style="font-size:12px">목록 | 수정 | 삭제 · 댓글 0</p>
</div>
<div class="footer">서림치과기공소 | 대표 정우석 | 부산광역시 동래구 충렬대로 211 | 사업자등록번호 605-12-44878 | TEL 051-553-2804<br>Copyright © Seorim Dental Lab.</div>
</body></html>
